// CSM Flow settings for Camunda Admin. This file replaces the webjar's config.js (which sets nothing
// else); date formats and locales stay at the webapp defaults.
export default {
  // The header and the window title read "CSM Flow Admin".
  app: {
    name: 'Admin',
    vendor: 'CSM Flow'
  }
};
