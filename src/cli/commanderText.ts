/**
 * Commander writes its own words (help titles, "(default: …)", "error: unknown option …") in
 * English. These functions put them in the current language and give its errors the one
 * prefix every registrar error has (`registrar: `). Commander's phrasing is fixed by its
 * version, so each pattern below is matched whole; anything unrecognised passes unchanged.
 */
import { Help, type HelpConfiguration } from 'commander';
import { lang, t } from '../core/i18n.js';

const TITLES: Record<string, 'help_usage' | 'help_options' | 'help_commands' | 'help_arguments' | 'help_global_options'> = {
  'Usage:': 'help_usage',
  'Options:': 'help_options',
  'Commands:': 'help_commands',
  'Arguments:': 'help_arguments',
  'Global Options:': 'help_global_options',
};

/**
 * Commander's help in the current language, for `Command.configureHelp`: section titles,
 * `[options]` and `[command]` in usage lines and command terms, and the "(choices: …, default:
 * …)" commander appends to option and argument descriptions. They are translated in the pieces
 * commander builds, before it pads the columns and wraps the lines, so a line break never
 * separates a phrase from its translation and the columns line up with the translated terms.
 * Each override then applies commander's own styling.
 */
export function localizedHelp(): HelpConfiguration {
  return {
    styleTitle(this: Help, title: string) {
      return Help.prototype.styleTitle.call(this, Object.hasOwn(TITLES, title) ? t(TITLES[title]) : title);
    },
    styleUsage(this: Help, usage: string) {
      return usageWords(Help.prototype.styleUsage.call(this, usage));
    },
    styleSubcommandTerm(this: Help, term: string) {
      return usageWords(Help.prototype.styleSubcommandTerm.call(this, term));
    },
    styleOptionDescription(this: Help, description: string) {
      return Help.prototype.styleOptionDescription.call(this, descriptionExtras(description));
    },
    styleArgumentDescription(this: Help, description: string) {
      return Help.prototype.styleArgumentDescription.call(this, descriptionExtras(description));
    },
  };
}

/** `registrar group [options] [command]` → `registrar group [параметры] [команда]`. */
function usageWords(text: string): string {
  return text.replace(/\[options\]/g, t('help_usage_options')).replace(/\[command\]/g, t('help_usage_command'));
}

/** `… (choices: "keep", "increment", default: "keep")` → `… (варианты: "keep", "increment", по умолчанию: "keep")`. */
function descriptionExtras(description: string): string {
  return description
    .replace(/\(choices: /g, `(${t('help_choices')}: `)
    .replace(/\(default: /g, `(${t('help_default')}: `)
    .replace(/, default: /g, `, ${t('help_default')}: `);
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^unknown command '(.*)'$/, (m) => t('commander_unknown_command', { name: m[1] })],
  [/^unknown option '(.*)'$/, (m) => t('commander_unknown_option', { flag: m[1] })],
  [/^required option '(.*)' not specified$/, (m) => t('commander_required_option', { flag: m[1] })],
  [/^missing required argument '(.*)'$/, (m) => t('commander_missing_argument', { name: m[1] })],
  [/^option '(.*)' argument missing$/, (m) => t('commander_option_argument_missing', { flag: m[1] })],
  [/^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, (m) => t('commander_invalid_choice', { flag: m[1], value: m[2], choices: m[3] })],
  [/^option '(.*)' argument '(.*)' is invalid\. (.*)$/, (m) => t('commander_invalid_option_value', { flag: m[1], value: m[2], reason: m[3] })],
  [/^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/, (m) => t('commander_invalid_argument_choice', { name: m[2], value: m[1], choices: m[3] })],
  [/^command-argument value '(.*)' is invalid for argument '(.*)'\. (.*)$/, (m) => t('commander_invalid_argument', { name: m[2], value: m[1], reason: m[3] })],
  [/^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => t('commander_too_many_arguments', { command: m[1] ?? 'registrar', expected: Number(m[2]), got: Number(m[3]) })],
  [/^(.*) cannot be used with (.*)$/, (m) => t('commander_conflicting_option', { a: conflictSide(m[1]), b: conflictSide(m[2]) })],
];

/** One side of commander's conflict message: `option '--undo <year>'` or `environment variable 'X'`. */
function conflictSide(side: string): string {
  const option = /^option '(.*)'$/.exec(side);
  if (option) return t('commander_option_named', { flag: option[1] });
  const variable = /^environment variable '(.*)'$/.exec(side);
  return variable ? t('commander_variable_named', { name: variable[1] }) : side;
}

/**
 * `error: unknown option '--grup'\n(Did you mean --group?)` → `registrar: неизвестный параметр
 * «--grup»\n(Возможно, имелось в виду --group?)` in Russian, `registrar: unknown option …` in English.
 */
export function localizeCommanderMessage(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const out = lines.map((line, i) => {
    if (i === 0) {
      const body = line.replace(/^error: /, '');
      if (lang() === 'en') return `registrar: ${body}`;
      for (const [pattern, render] of RULES) {
        const m = pattern.exec(body);
        if (m) return `registrar: ${render(m)}`;
      }
      return `registrar: ${body}`;
    }
    const suggestion = /^\(Did you mean (.*)\?\)$/.exec(line);
    return suggestion ? `(${t('commander_did_you_mean', { name: suggestion[1] })})` : line;
  });
  return out.join('\n') + (text.endsWith('\n') ? '\n' : '');
}
