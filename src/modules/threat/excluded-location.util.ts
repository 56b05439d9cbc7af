/** Whether `location` is one of `exclude` or lies below one (`body.password`, `body.password#key`, `body.a[0]`). */
export function isExcluded(location: string, exclude: readonly string[]): boolean {
  return exclude.some(
    (prefix) => location === prefix || (location.startsWith(prefix) && ['.', '[', '#'].includes(location.charAt(prefix.length))),
  );
}
