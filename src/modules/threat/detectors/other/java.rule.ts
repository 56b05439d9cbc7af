import type { Rule } from '../rule-kit.js';

/**
 * Names that appear only in Java exploitation: command execution, reflection and class loading reached from
 * OGNL/EL/SpEL expressions (Struts, Spring4Shell), and the gadget classes of deserialization chains.
 */
export const GADGETS = [
  'java.lang.runtime', 'java.lang.processbuilder', 'java.lang.process', 'java.lang.reflect', 'java.lang.classloader', 'runtime.getruntime', 'getruntime()', 'processbuilder',
  'javax.script', 'scriptenginemanager', 'com.opensymphony.xwork2', 'ognlcontext', '_memberaccess', '@ognl.',
  'org.apache.commons.collections', 'invokertransformer', 'chainedtransformer', 'instantiatetransformer',
  'constanttransformer', 'clonetransformer', 'forclosure', 'whileclosure', 'instantiatefactory', 'prototypeclonefactory',
  'prototypeserializationfactory', 'com.sun.org.apache', 'templatesimpl', 'class.module.classloader', 'class.classloader',
  '.getclass().forname', 'class.forname(', '.getdeclaredmethod(', 'urlclassloader', 'bcel$$', 'org.omg.corba',
  'java.beans.xmldecoder', 'jdbcrowsetimpl', 'java.rmi.', 'javax.naming', 'spring.cloud.function.routing-expression',
  'org.springframework.context.support', 'java.runtime', 'java.processbuilder', 'xwork.methodaccessor', '#context[',
  '%{#', '%{(#', '@java.lang.',
];

/** Packages whose class names alone are a payload when they are the whole value: a type id for a deserializer or an OGNL target. */
const CLASS_PACKAGES = /^(?:java\.(?:io|lang|net|util|nio|rmi|beans)|javax|org\.apache\.commons|com\.sun|org\.omg)\.[A-Za-z0-9_.$]{1,80}$/i;

/** Prefixes of `javaClassNameRule`'s class names. */
export const CLASS_NAME_PREFIXES = ['java.io.', 'java.lang.', 'java.net.', 'java.util.', 'javax.', 'org.apache.', 'java.runtime', 'java.processbuilder'];

/** Java serialization stream magic: base64 (`rO0AB`), hex (`aced0005`), or gzip-wrapped base64 (`H4sIA`). */
const SERIALIZED = ['ro0ab', 'aced0005'];

export const javaGadgetRule: Rule = {
  id: 'other-050',
  kind: 'java',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const gadget of GADGETS) {
      const at = lower.indexOf(gadget);
      if (at >= 0 && !/[a-z0-9_]/.test(lower.charAt(at - 1)) && !/[a-z0-9_-]/.test(lower.charAt(at + gadget.length))) {
        return form.slice(at, at + 48);
      }
    }
    const typeId = lower.indexOf('"@type"');
    if (typeId >= 0 && /^\s*:\s*"[a-z_$][a-z0-9_$]*\.[a-z0-9_.$]+"/.test(lower.slice(typeId + 7, typeId + 96))) {
      return form.slice(typeId, typeId + 48);
    }
    const polymorphic = polymorphicTypeId(form);
    if (polymorphic !== null) {
      return polymorphic;
    }
    const line = form.split('\n').find((text) => CLASS_PACKAGES.test(text.trim().replace(/=.*$/, '')));
    if (line !== undefined) {
      return line.trim().slice(0, 48);
    }
    const stream = form.indexOf('rO0AB');
    if (stream >= 0 && !/[A-Za-z0-9+/]/.test(form.charAt(stream - 1))) {
      return form.slice(stream, stream + 24);
    }
    const hex = lower.indexOf(SERIALIZED[1] ?? '');
    return hex >= 0 && !/[0-9a-f]/.test(lower.charAt(hex - 1)) ? form.slice(hex, hex + 24) : null;
  },
};

/** Any fully qualified `java.*`/`javax.*` class: exploit payloads name them, but so does ordinary Java code. */
export const javaClassNameRule: Rule = {
  id: 'other-051',
  kind: 'java',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    const lower = form.toLowerCase();
    for (const prefix of CLASS_NAME_PREFIXES) {
      const at = lower.indexOf(prefix);
      if (at >= 0 && !/[a-z0-9_]/.test(lower.charAt(at - 1))) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};

/** Jackson's array form of a polymorphic type id: `["ch.qos.logback.core.db.DriverManagerConnectionSource", {...}]`. */
function polymorphicTypeId(form: string): string | null {
  for (let at = form.indexOf('["'); at >= 0; at = form.indexOf('["', at + 2)) {
    if (/^[A-Za-z_$][\w$]{0,40}(?:\.[\w$]{1,60}){1,8}\.[A-Z][\w$]{0,60}"\s*,\s*[{[]/.test(form.slice(at + 2, at + 300))) {
      return form.slice(at, at + 48);
    }
  }
  return null;
}
