/**
 * The HTML documents come from templates/ through Handlebars, which escapes every `{{value}}`
 * by default; only `{{{svg}}}` (charts drawn here) is inserted as is. Templates are compiled
 * once per run, in strict mode: a name the template uses and the data lacks is an error, not
 * an empty hole in a printed document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HandlebarsType from 'handlebars';

const require = createRequire(import.meta.url);

const cache = new Map<string, HandlebarsType.TemplateDelegate>();

/** Fill templates/<name>.html (or the given template text) with `data`. */
export function renderTemplate(name: string, data: unknown, text?: string): string {
  const key = text === undefined ? name : `${name}\u0000${text}`;
  let template = cache.get(key);
  if (!template) {
    const source = text ?? readFileSync(new URL(`../../templates/${name}.html`, import.meta.url), 'utf8');
    const Handlebars = require('handlebars') as typeof HandlebarsType;
    template = Handlebars.create().compile(source, { strict: true, noEscape: false });
    cache.set(key, template);
  }
  return template(data);
}
