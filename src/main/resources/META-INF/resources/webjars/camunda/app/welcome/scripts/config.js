// CSM Flow settings for Camunda Welcome. This file replaces the webjar's config.js (which sets nothing
// else); date formats and locales stay at the webapp defaults.
export default {
  // The header and the window title read "CSM Flow Welcome".
  app: {
    name: 'Welcome',
    vendor: 'CSM Flow'
  }
};
