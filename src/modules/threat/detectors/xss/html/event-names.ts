/**
 * Event handler names browsers fire. Inside a tag the value opened itself, any `on…` attribute counts (browsers add
 * events every year); where the value only broke out of an attribute, a known name is what separates `onclick=` from
 * prose such as `onboarding=`.
 */
export const EVENT_NAMES: ReadonlySet<string> = new Set(
  (
    'abort activate afterprint afterscriptexecute animationcancel animationend animationiteration animationstart ' +
    'auxclick beforeactivate beforecopy beforecut beforedeactivate beforeinput beforematch beforepaste beforeprint ' +
    'beforescriptexecute beforetoggle beforeunload begin blur bounce canplay canplaythrough change click close ' +
    'contextlost contextmenu contextrestored copy cuechange cut dblclick deactivate drag dragend dragenter dragexit ' +
    'dragleave dragover dragstart drop durationchange emptied end ended error finish focus focusin focusout ' +
    'formdata fullscreenchange gotpointercapture hashchange input invalid keydown keypress keyup load loadeddata ' +
    'loadedmetadata loadend loadstart lostpointercapture message messageerror mousedown mouseenter mouseleave ' +
    'mousemove mouseout mouseover mouseup mousewheel offline online pagehide pagereveal pageshow paste pause play ' +
    'playing pointercancel pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerrawupdate ' +
    'pointerup popstate progress propertychange ratechange readystatechange repeat reset resize scroll scrollend ' +
    'scrollsnapchange scrollsnapchanging search securitypolicyviolation seeked seeking select selectionchange ' +
    'selectstart show slotchange stalled start storage submit suspend timeupdate toggle touchcancel touchend ' +
    'touchmove touchstart transitioncancel transitionend transitionrun transitionstart unload volumechange waiting ' +
    'webkitanimationend webkitanimationiteration webkitanimationstart webkitmouseforcechanged webkitmouseforcedown ' +
    'webkitmouseforceup webkitmouseforcewillbegin webkitplaybacktargetavailabilitychanged webkittransitionend ' +
    'wheel zoom forminput formchange filterchange help losecapture move moveend movestart rowenter rowexit ' +
    'rowsdelete rowsinserted datasetchanged dataavailable datasetcomplete errorupdate cellchange controlselect ' +
    'layoutcomplete mozfullscreenchange cancel command contentvisibilityautostatechange prerenderingchange'
  )
    .split(' ')
    .map((name) => `on${name}`),
);

const MIN_EVENT_LETTERS = 3;
/** Longest real name is about 40 letters; longer `on…` runs are base64 or prose, not handlers. */
const MAX_EVENT_LETTERS = 45;

/** `on` followed by 3 to 45 ASCII letters: the shape of an event handler attribute. */
export function isHandlerShaped(name: string): boolean {
  if (!name.startsWith('on')) {
    return false;
  }
  const letters = name.length - 2;
  if (letters < MIN_EVENT_LETTERS || letters > MAX_EVENT_LETTERS) {
    return false;
  }
  for (let i = 2; i < name.length; i++) {
    const c = name.charAt(i);
    if (c < 'a' || c > 'z') {
      return false;
    }
  }
  return true;
}
