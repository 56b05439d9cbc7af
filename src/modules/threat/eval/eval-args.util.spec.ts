import { parseEvalArgs } from './eval-args.util.js';

describe('parseEvalArgs', () => {
  it('reads files, paranoia, threshold and --json', () => {
    expect(parseEvalArgs(['--attacks', 'A.jsonl', '--benign', 'B.jsonl', '--paranoia', '3', '--threshold', '8', '--json'])).toEqual({
      attacks: 'A.jsonl',
      benign: 'B.jsonl',
      paranoia: 3,
      threshold: 8,
      json: true,
    });
  });

  it('defaults to paranoia 1, threshold 5 and the table only', () => {
    expect(parseEvalArgs(['--attacks', 'A.jsonl'])).toMatchObject({ paranoia: 1, threshold: 5, json: false });
  });

  it('rejects bad values and unknown flags with the usage line', () => {
    expect(() => parseEvalArgs(['--attacks', 'A', '--paranoia', '5'])).toThrow(/--paranoia must be 1, 2, 3 or 4[\s\S]*usage:/);
    expect(() => parseEvalArgs(['--attacks', 'A', '--threshold', '0'])).toThrow(/--threshold must be a positive number/);
    expect(() => parseEvalArgs(['--attacks', 'A', '--nope'])).toThrow(/usage:/);
    expect(() => parseEvalArgs([])).toThrow(/give --attacks, --benign or both/);
  });
});
