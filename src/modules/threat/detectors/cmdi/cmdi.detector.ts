import type { Detector } from '../../engine/threat.types.js';
import { aliasRule } from './alias.rule.js';
import { ansiCQuoteRule } from './ansi-c-quote.rule.js';
import { batchRule } from './batch.rule.js';
import { braceExpansionRule } from './brace-expansion.rule.js';
import { commandLineRule } from './command-line.rule.js';
import { quotedExecutionRule } from './quoted-execution.rule.js';
import { parameterExpansionRule } from './parameter-expansion.rule.js';
import { pathGlobRule } from './path-glob.rule.js';
import { type Rule, ruleDetector } from '../rule-kit.js';
import { separatorRule } from './separator.rule.js';
import { shellPlumbingRule } from './shell-plumbing.rule.js';
import { shellshockRule } from './shellshock.rule.js';
import { substitutionRule } from './substitution.rule.js';
import { expansionShorthandRule } from './expansion-shorthand.rule.js';
import { forkBombRule } from './fork-bomb.rule.js';
import { obfuscatedWordRule } from './obfuscated-word.rule.js';
import { variableCommandRule } from './variable-command.rule.js';
import { windowsVariableRule } from './windows-variable.rule.js';
import { looseSeparatorRule, shellMetacharacterRule } from './weak-signals.rule.js';

export const CMDI_RULES: readonly Rule[] = [
  separatorRule,
  commandLineRule,
  substitutionRule,
  parameterExpansionRule,
  shellshockRule,
  batchRule,
  aliasRule,
  braceExpansionRule,
  pathGlobRule,
  shellPlumbingRule,
  expansionShorthandRule,
  ansiCQuoteRule,
  obfuscatedWordRule,
  forkBombRule,
  variableCommandRule,
  windowsVariableRule,
  quotedExecutionRule,
  looseSeparatorRule,
  shellMetacharacterRule,
];

/** OS command injection: shell tokenisation, then command words in command position. */
export const cmdiDetector: Detector = ruleDetector('cmdi', CMDI_RULES);
