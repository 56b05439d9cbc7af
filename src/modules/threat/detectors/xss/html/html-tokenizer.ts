/** Where the inspected value lands in the page: markup, inside an attribute value (each quoting), or the attribute list. */
export type HtmlContext = 'data' | 'attr-dq' | 'attr-sq' | 'attr-unquoted' | 'attr-name';

export interface HtmlAttribute {
  /** Lower-cased, as the browser matches it. */
  name: string;
  /** Raw text; character references are decoded later, only where a rule needs them. */
  value: string;
  hasValue: boolean;
  /** Where the name starts in the scanned text: what precedes it tells a real attribute from a word in prose. */
  start: number;
}

export interface HtmlTag {
  /** Lower-cased tag name as written (`x:script`, `?xml-stylesheet`); empty for the tag the value broke into. */
  name: string;
  /** False for the tag the value was already inside (attribute contexts): it was not opened by the value. */
  explicit: boolean;
  closing: boolean;
  attributes: HtmlAttribute[];
  /** Offset after the tag's `>`, or the input's length when the value ends inside the tag. */
  end: number;
}

export interface HtmlScan {
  tags: HtmlTag[];
  comments: string[];
  /** `<!…>` declarations other than comments (DOCTYPE, ENTITY, CDATA). */
  declarations: string[];
  /** Loop iterations, for the linearity property test. */
  steps: number;
}

type State =
  | 'data'
  | 'tagOpen'
  | 'endTagOpen'
  | 'tagName'
  | 'beforeAttrName'
  | 'attrName'
  | 'afterAttrName'
  | 'beforeAttrValue'
  | 'attrValueDq'
  | 'attrValueSq'
  | 'attrValueUnquoted'
  | 'afterAttrValueQuoted'
  | 'markupDecl'
  | 'comment'
  | 'bogus';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

const START_STATE: Record<HtmlContext, State> = {
  data: 'data',
  'attr-dq': 'attrValueDq',
  'attr-sq': 'attrValueSq',
  'attr-unquoted': 'attrValueUnquoted',
  'attr-name': 'beforeAttrName',
};

/**
 * A small HTML5-style tokenizer (data, tag open, tag name, attribute name and value in each quoting, comments,
 * `<!`, `<?`, `</`). It reports tags even when the input ends inside them: the page around the value closes them.
 * Each character is consumed once, or reconsumed once on a state change, so the work is linear.
 */
export function scanHtml(input: string, context: HtmlContext): HtmlScan {
  const tags: HtmlTag[] = [];
  const comments: string[] = [];
  const declarations: string[] = [];
  let steps = 0;
  let state: State = START_STATE[context];
  let tag: HtmlTag | null = context === 'data' ? null : { name: '', explicit: false, closing: false, attributes: [], end: 0 };
  let attr: HtmlAttribute | null = context === 'data' || context === 'attr-name' ? null : { name: '', value: '', hasValue: true, start: 0 };
  let markStart = 0;

  const finishAttr = (): void => {
    if (tag && attr && attr.name !== '') {
      tag.attributes.push(attr);
    }
    attr = null;
  };
  const emitTag = (end: number): void => {
    finishAttr();
    if (tag) {
      tags.push({ ...tag, end });
    }
    tag = null;
  };
  const newAttr = (c: string, start: number): void => {
    finishAttr();
    attr = { name: c.toLowerCase(), value: '', hasValue: false, start };
  };
  // The three attribute-name states differ only in what a letter, a space or `=` does; `>` ends the tag in each.
  const attributeListStep = (c: string, at: number): State => {
    if (c === '>') {
      emitTag(at + 1);
      return 'data';
    }
    if (isSpace(c) || c === '/') {
      return state === 'attrName' ? 'afterAttrName' : state;
    }
    if (c === '=' && state !== 'beforeAttrName') {
      if (attr) {
        attr.hasValue = true;
      }
      return 'beforeAttrValue';
    }
    if (state === 'attrName' && attr) {
      attr.name += c.toLowerCase();
    } else {
      newAttr(c, at);
    }
    return 'attrName';
  };

  let i = 0;
  while (i < input.length) {
    steps++;
    const c = input.charAt(i);
    switch (state) {
      case 'data':
        if (c === '<') {
          state = 'tagOpen';
        }
        i++;
        break;
      case 'tagOpen':
        if (c === '!') {
          state = 'markupDecl';
          markStart = i + 1;
          i++;
        } else if (c === '/') {
          state = 'endTagOpen';
          i++;
        } else if (isAsciiLetter(c) || c === '?' || c === ':') {
          tag = { name: c.toLowerCase(), explicit: true, closing: false, attributes: [], end: 0 };
          state = 'tagName';
          i++;
        } else {
          state = 'data';
        }
        break;
      case 'endTagOpen':
        if (isAsciiLetter(c)) {
          tag = { name: c.toLowerCase(), explicit: true, closing: true, attributes: [], end: 0 };
          state = 'tagName';
        } else {
          state = 'bogus';
          markStart = i;
        }
        i++;
        break;
      case 'tagName':
        if (isSpace(c) || c === '/') {
          state = 'beforeAttrName';
        } else if (c === '>') {
          emitTag(i + 1);
          state = 'data';
        } else if (tag) {
          tag.name += c.toLowerCase();
        }
        i++;
        break;
      case 'beforeAttrName':
      case 'attrName':
      case 'afterAttrName':
        state = attributeListStep(c, i);
        i++;
        break;
      case 'beforeAttrValue':
        if (isSpace(c)) {
          i++;
        } else if (c === '"') {
          state = 'attrValueDq';
          i++;
        } else if (c === "'") {
          state = 'attrValueSq';
          i++;
        } else if (c === '>') {
          emitTag(i + 1);
          state = 'data';
          i++;
        } else {
          state = 'attrValueUnquoted';
        }
        break;
      case 'attrValueDq':
      case 'attrValueSq':
        if (c === (state === 'attrValueDq' ? '"' : "'")) {
          finishAttr();
          state = 'afterAttrValueQuoted';
        } else if (attr) {
          attr.value += c;
        }
        i++;
        break;
      case 'attrValueUnquoted':
        if (isSpace(c)) {
          finishAttr();
          state = 'beforeAttrName';
        } else if (c === '>') {
          emitTag(i + 1);
          state = 'data';
        } else if (attr) {
          attr.value += c;
        }
        i++;
        break;
      case 'afterAttrValueQuoted':
        if (c === '>') {
          emitTag(i + 1);
          state = 'data';
          i++;
        } else {
          state = 'beforeAttrName';
        }
        break;
      case 'markupDecl':
        if (input.startsWith('--', i)) {
          state = 'comment';
          markStart = i + 2;
          i += 2;
        } else {
          state = 'bogus';
        }
        break;
      case 'comment': {
        const end = input.indexOf('--', i);
        const close = end < 0 ? -1 : closeOfComment(input, end);
        if (close < 0) {
          i = end < 0 ? input.length : end + 1;
          break;
        }
        comments.push(input.slice(markStart, end));
        state = 'data';
        i = close;
        break;
      }
      case 'bogus': {
        const end = input.indexOf('>', i);
        const stop = end < 0 ? input.length : end;
        declarations.push(input.slice(markStart, stop));
        state = 'data';
        i = end < 0 ? input.length : end + 1;
        break;
      }
    }
  }
  if (state === 'comment') {
    comments.push(input.slice(markStart));
  }
  emitTag(input.length);
  return { tags, comments, declarations, steps };
}

/** Index after `-->` or `--!>` starting at `dashes` (which points at `--`), or -1 when these dashes do not close. */
function closeOfComment(input: string, dashes: number): number {
  let j = dashes + 2;
  if (input.charAt(j) === '!') {
    j++;
  }
  return input.charAt(j) === '>' ? j + 1 : -1;
}
