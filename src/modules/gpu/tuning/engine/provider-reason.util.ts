// An absolute POSIX or Windows path: a run of directories ending in a file name.
const ABSOLUTE_PATH = /(?:[A-Za-z]:)?(?:[\\/][^\s\\/()'":;,]+)+[\\/]([^\s\\/()'":;,]+)/g;

/**
 * onnxruntime's reasons name the library it failed to load by its absolute path, which tells any API caller where
 * the service is installed. Clients need the file's name to know what is missing, not the directory it sat in.
 */
export function withoutDirectories(reason: string): string {
  return reason.replace(ABSOLUTE_PATH, '$1');
}
