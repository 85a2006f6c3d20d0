// Signing into a Camunda webapp (Tasklist, Cockpit) whose login form is on the page. The form can re-render
// while Playwright types (a CI run ended with "csmcsm" in the user field and an empty password), so what was
// typed is read back and typed again before the form is sent.
export async function signIn(page, user, password) {
  const name = page.getByPlaceholder('Username');
  const secret = page.getByPlaceholder('Password');
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  for (let attempt = 1; ; attempt++) {
    await name.fill(user);
    await secret.fill(password);
    if (await name.inputValue() === user && await secret.inputValue() === password) {
      break;
    }
    if (attempt === 3) {
      throw new Error(`the login form kept losing what was typed (user field: "${await name.inputValue()}")`);
    }
  }
  await page.getByRole('button', { name: 'Log in' }).click();
  // signed in once the login form has gone
  await name.waitFor({ state: 'detached' });
}

// Opens a Tasklist address (a task) once signed in. Twice a run found Tasklist still on its loading spinner
// 30 s after such a full page load, on a machine busy with a build; a page whose filter list (drawn once
// the app has started) has not come after 45 s is loaded once more.
export async function openInTasklist(page, url) {
  await page.goto(url);
  const started = page.locator('.task-filters');
  try {
    await started.waitFor({ timeout: 45_000 });
  } catch {
    await page.reload();
    await started.waitFor({ timeout: 60_000 });
  }
}
