import type { Rule } from '../rule-kit.js';

/** php.ini directives an attacker sets through `PHP_VALUE` or an uploaded `.user.ini` to run or expose code. */
export const PHP_INI_DIRECTIVES: ReadonlySet<string> = new Set(
  `allow_url_include allow_url_fopen auto_prepend_file auto_append_file disable_functions disable_classes open_basedir
  safe_mode extension extension_dir zend_extension engine memory_limit max_execution_time include_path error_log
  display_errors log_errors sendmail_path sendmail_from session.save_path session.save_handler session.auto_start
  session.serialize_handler session.upload_progress.enabled mail.log precision smtp smtp_port unserialize_max_depth
  upload_tmp_dir short_open_tag register_globals magic_quotes_gpc file_uploads expose_php phar.readonly
  opcache.jit_max_polymorphic_calls mbstring.regex_retry_limit mbstring.regex_stack_limit pcre.backtrack_limit
  pcre.jit xdebug.remote_enable xdebug.remote_host xdebug.mode`.split(/\s+/),
);

/** A line that is `directive = value` for a php.ini directive: configuration injection. */
export const phpIniRule: Rule = {
  id: 'other-045',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let lineStart = 0;
    while (lineStart <= form.length) {
      let lineEnd = form.indexOf('\n', lineStart);
      lineEnd = lineEnd < 0 ? form.length : lineEnd;
      const line = form.slice(lineStart, Math.min(lineEnd, lineStart + 80));
      const eq = line.indexOf('=');
      const name = line.slice(0, eq).trim().toLowerCase();
      const setting = line.slice(eq + 1).trim();
      // One-word directives (`engine`, `precision`) are ordinary settings elsewhere; PHP's switch values give them away.
      const phpValue = /[._]/.test(name) ? setting !== '' : /^(?:true|false|on|off|yes|no|0|1)$/i.test(setting);
      if (eq > 0 && PHP_INI_DIRECTIVES.has(name) && phpValue) {
        return line.slice(0, 48);
      }
      lineStart = lineEnd + 1;
    }
    return null;
  },
};
