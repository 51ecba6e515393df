/**
 * What a message may echo of a value the user gave: at most a short excerpt, with control
 * characters (NUL, ESC of a terminal escape sequence, line breaks) shown as escapes, so a
 * crafted file can neither flood the screen nor rewrite the administrator's terminal.
 */
const MAX_ECHO = 60;

/** `"Иванов\x1b[2J…"`: control characters escaped, cut to `max` characters with an ellipsis. */
export function excerpt(value: string, max = MAX_ECHO): string {
  const head = value.length > max ? value.slice(0, max) : value;
  // eslint-disable-next-line no-control-regex
  const safe = head.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return value.length > max ? `${safe}… (${value.length})` : safe;
}

/**
 * Text safe to print on a terminal: control characters escaped except line breaks and tabs,
 * so a name stored from a crafted file cannot move the cursor or clear the screen.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
