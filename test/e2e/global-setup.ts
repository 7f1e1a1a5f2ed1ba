// Once per Playwright run: the hub's template data folder (see test/support/hub-template.ts), handed to
// the workers through the environment and removed when the run ends.
import { createHubTemplate, HUB_TEMPLATE_ENV, removeHubTemplate } from '../support/hub-template';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const template = await createHubTemplate();
  process.env[HUB_TEMPLATE_ENV] = template;
  return () => removeHubTemplate(template);
}
