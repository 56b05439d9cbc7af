/** PHP functions with no namesake in other languages' everyday code: calling one is PHP code injection. */
export const PHP_ONLY_FUNCTIONS = new Set(
  `base64_decode base64_encode shell_exec proc_open pcntl_exec pcntl_fork passthru phpinfo gzinflate gzuncompress gzdecode
  gzinflate bzdecompress zlib_decode str_rot13 call_user_func call_user_func_array create_function file_put_contents
  file_get_contents fsockopen pfsockopen stream_socket_client posix_getpwuid posix_getegid posix_geteuid posix_getuid
  posix_kill posix_mkfifo posix_setuid assert_options move_uploaded_file get_defined_vars get_defined_functions
  get_defined_constants ini_set ini_get ini_restore set_include_path highlight_file show_source php_uname
  phpversion getmypid getmyuid get_current_user preg_replace_callback register_shutdown_function array_map
  array_filter array_walk usort uasort uksort iterator_apply func_get_args extract parse_str putenv
  escapeshellcmd escapeshellarg curl_init curl_exec fopen fwrite fputs fputcsv fgets readfile file_exists
  is_writable unlink rmdir mkdir symlink chmod chown copy rename tempnam tmpfile gethostbyname unserialize
  serialize var_dump print_r var_export debug_zval_dump debug_print_backtrace strrev chr ord hex2bin bin2hex
  substr str_replace strip_tags is_array intval unpack pack filegroup fileowner fileperms sprintf printf`.split(/\s+/),
);

/** Functions that run code or commands; names shared with other languages, so they need a PHP-looking argument. */
export const EXEC_FUNCTIONS = new Set(['system', 'exec', 'eval', 'assert', 'passthru', 'shell_exec', 'popen', 'proc_open', 'pcntl_exec', 'include', 'require', 'include_once', 'require_once', 'preg_replace']);

/** `PHP_ONLY_FUNCTIONS` entries that C, Python or prose share (`printf(`, `copy (`): they need a PHP argument too. */
export const SHARED_NAMES = new Set(['printf', 'sprintf', 'fopen', 'fwrite', 'fputs', 'fgets', 'unlink', 'rmdir', 'mkdir', 'chmod', 'chown', 'copy', 'rename', 'symlink', 'chr', 'ord', 'substr', 'pack', 'unpack', 'extract', 'putenv', 'usort', 'serialize', 'tmpfile', 'readfile']);

/** Strips `/* *\/`, `#...` and `//...` comments and whitespace from the end of `text` (PHP allows them before `(`). */
export function trimCodeEnd(text: string): string {
  let end = text.length;
  for (let guard = 0; guard < 8; guard++) {
    let sawNewline = false;
    while (end > 0 && /\s/.test(text.charAt(end - 1))) {
      sawNewline = sawNewline || text.charAt(end - 1) === '\n';
      end--;
    }
    if (text.slice(end - 2, end) === '*/') {
      const open = text.lastIndexOf('/*', end - 2);
      if (open < 0) {
        break;
      }
      end = open;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const comment = sawNewline ? text.slice(lineStart, end).search(/#|\/\//) : -1;
    if (comment < 0) {
      break;
    }
    end = lineStart + comment;
  }
  return text.slice(0, end);
}
