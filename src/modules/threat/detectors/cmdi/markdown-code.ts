/**
 * A backtick opening inline code in prose ("Use `ls -la` to list"): preceded by a plain word and a space.
 * Substitution in an attack follows a separator, a quote, or is glued to the value.
 */
function isProseBacktick(text: string, at: number): boolean {
  if (text.charAt(at - 1) !== ' ') {
    return false;
  }
  let i = at - 1;
  while (i > 0 && text.charAt(i - 1) === ' ') {
    i--;
  }
  const end = i;
  while (i > 0 && end - i < 32 && /[A-Za-z,.:]/.test(text.charAt(i - 1))) {
    i--;
  }
  const token = text.slice(i, end);
  // "a [Logflare](https://logflare.app) `source`.", "[sibling](https://…): `node ~ sibling`": after a link.
  if ((token === '' || token === ':') && closesMarkdownLink(text, i - 1)) {
    return true;
  }
  // A plain word ("Use `ls`"), an article ("A `Source` is"), a list bullet or number ("- `x`", "1. `strings`"), or a
  // heading, quote or comment marker opening the line ("### `Hook` type removed", "// `exec` also returns").
  return (
    (token.length >= 2 && /[A-Za-z]/.test(token.charAt(0))) ||
    /^(?:a|A|I)$/.test(token) ||
    /^[-*+\u2022\u2013\u2014]$/.test(text.charAt(end - 1)) ||
    /^[0-9]{1,3}[.)]$/.test(text.slice(Math.max(0, end - 4), end).trim()) ||
    opensLineWithMarker(text, end)
  );
}

/** Whether the `)` at `at` closes a Markdown link's target (`](https://…)`, no blank inside, at most 256 long). */
function closesMarkdownLink(text: string, at: number): boolean {
  if (text.charAt(at) !== ')') {
    return false;
  }
  for (let i = at - 1; i > 0 && at - i <= 256; i--) {
    const c = text.charAt(i);
    if (c === '(') {
      return text.charAt(i - 1) === ']';
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === ')') {
      return false;
    }
  }
  return false;
}

/** `### `, `> `, `// ` alone on the line before `end`: Markdown's heading and quote marks, a code comment's. */
function opensLineWithMarker(text: string, end: number): boolean {
  let start = end;
  while (start > 0 && end - start < 8 && text.charAt(start - 1) !== '\n' && text.charAt(start - 1) !== ' ' && text.charAt(start - 1) !== '\t') {
    start--;
  }
  if (!/^(?:#{1,6}|>|\/\/)$/.test(text.slice(start, end))) {
    return false;
  }
  // Indented code comments too ("    // `start` and"): only indentation between the line's start and the marker.
  return opensLine(text, start);
}

/** Whether only indentation (at most 64 spaces or tabs) stands between the start of `at`'s line and `at`. */
function opensLine(text: string, at: number): boolean {
  let indent = at;
  while (indent > 0 && at - indent < 64 && (text.charAt(indent - 1) === ' ' || text.charAt(indent - 1) === '\t')) {
    indent--;
  }
  return indent === 0 || text.charAt(indent - 1) === '\n';
}

const NO_MARKS: ReadonlySet<number> = new Set();

/**
 * Indices of backticks that are Markdown rather than substitution: fences (three or more in a row), the opener of
 * inline code in prose (see `isProseBacktick`), and the backtick that closes it ("the `collection.json` file" must
 * not read `` ` file`` as a command). Linear: one pass, remembering the open span.
 */
export function markdownBackticks(text: string): ReadonlySet<number> {
  let i = text.indexOf('`');
  if (i < 0) {
    return NO_MARKS;
  }
  const marks = new Set<number>();
  let openSpan = false;
  let sawSpan = false;
  let rows: TableRows | undefined;
  while (i >= 0) {
    let run = i;
    while (text.charAt(run) === '`') {
      run++;
    }
    if (run - i >= 3) {
      for (let k = i; k < run; k++) {
        marks.add(k);
      }
    } else if (run - i === 1) {
      // "| `id` | `string` |": inline code opening a cell of a Markdown table.
      const opensCell = text.charAt(i - 1) === ' ' && text.charAt(i - 2) === '|' && (rows ??= new TableRows(text)).at(i);
      if (openSpan) {
        marks.add(i);
        openSpan = false;
        sawSpan = true;
      } else if (opensCell || isProseBacktick(text, i) || (sawSpan && ' ([{*_"\'/'.includes(text.charAt(i - 1))) || isParenthesisedCode(text, i) || isCallTemplate(text, i) || isLeadingInlineCode(text, i) || isLinkedCode(text, i)) {
        // After one inline-code span, the next one may follow punctuation: "`count`, `ksize`, and", "`set`/`del`".
        marks.add(i);
        openSpan = true;
      }
    }
    i = text.indexOf('`', run);
  }
  return marks;
}

/**
 * "`line`, `column` - positions", "    `type` configured in": inline code opening the value or an (indented) line and
 * closed, with prose going on after it (punctuation, or a space and a word). Substitution opening a value is the
 * whole value (`` `id` ``) or is followed by shell (`` `id` && ls ``).
 */
function isLeadingInlineCode(text: string, at: number): boolean {
  if (!opensLine(text, at)) {
    return false;
  }
  const close = text.indexOf('`', at + 1);
  if (close < at + 2 || close - at > 48) {
    return false;
  }
  const after = text.charAt(close + 1);
  // A full stop ends the sentence; one glued to a word is a file name's extension (`` `whoami`.jpg ``, an upload name).
  const fullStop = after === '.' && !/[A-Za-z0-9]/.test(text.charAt(close + 2));
  return after === ',' || fullStop || after === ':' || (after === ' ' && /[A-Za-z]/.test(text.charAt(close + 2)));
}

/**
 * "[`test/ttl.test.ts`](./test/ttl.test.ts)", "[`printf` formatting](https://…)": inline code opening a Markdown
 * link's text, the text closed by `](` soon after the code.
 */
function isLinkedCode(text: string, at: number): boolean {
  if (text.charAt(at - 1) !== '[') {
    return false;
  }
  const close = text.indexOf('`', at + 1);
  if (close <= at + 1 || close - at > 128) {
    return false;
  }
  const textEnd = text.indexOf('](', close + 1);
  return textEnd >= 0 && textEnd - close <= 64 && !/[[\]`\n]/.test(text.slice(close + 1, textEnd));
}

/** "(`@Headers()`)": inline code opened right after a prose parenthesis, not after `$(`, `<(` or `>(`. */
function isParenthesisedCode(text: string, at: number): boolean {
  return text.charAt(at - 1) === '(' && text.charAt(at - 2) === ' ' && /[A-Za-z,.:]/.test(text.charAt(at - 3));
}

/**
 * "console.log(`ran in ${ms}ms`)": a JavaScript template literal passed to a call. A shell reads a word glued to `(`
 * as a syntax error, not as a command with a substitution in it; `$(`, `<(` and `>(` are no word.
 */
function isCallTemplate(text: string, at: number): boolean {
  return text.charAt(at - 1) === '(' && /[A-Za-z0-9_]/.test(text.charAt(at - 2));
}

/** Whether the line holding an index is a table row (isTableRow), asked in increasing order: each line is read once. */
export class TableRows {
  private readonly text: string;
  private rowEnd = -1;
  private row = false;

  constructor(text: string) {
    this.text = text;
  }

  at(index: number): boolean {
    if (index >= this.rowEnd) {
      const newline = this.text.indexOf('\n', index);
      this.rowEnd = newline < 0 ? this.text.length : newline;
      this.row = isTableRow(this.text.slice(this.text.lastIndexOf('\n', index) + 1, this.rowEnd).trim());
    }
    return this.row;
  }
}

/**
 * `| id    | string | Yes |`: a row of a Markdown or ASCII table, a line that opens and closes with a pipe and has at
 * least three, each with a space on its inner sides, none doubled. A pipe that runs a command (`| id`, `|id|`) is
 * written without that frame.
 */
function isTableRow(line: string): boolean {
  if (line.length < 5 || line.charAt(0) !== '|' || line.charAt(line.length - 1) !== '|' || line.includes('||')) {
    return false;
  }
  let pipes = 0;
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) {
    if ((i > 0 && line.charAt(i - 1) !== ' ') || (i < line.length - 1 && line.charAt(i + 1) !== ' ')) {
      return false;
    }
    pipes++;
  }
  return pipes >= 3;
}
