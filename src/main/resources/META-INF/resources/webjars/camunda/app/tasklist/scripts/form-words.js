/*
 * Yizhan: the few words the form renderer (form-js, inside Tasklist 7.24) writes itself, in Chinese first.
 *
 * The station's forms are Chinese first, but form-js adds English of its own that no locale file reaches: "Select"
 * in an empty drop-down, "Field is required." under a field left empty, "Field must have maximum value of 4." and
 * the like. This module, loaded through config.js "customScripts", rewrites those texts where they appear in a form,
 * as Chinese with the English after it. It changes only what is shown: values, validation and what is sent stay
 * form-js's own.
 */
const WORDS = [
  [/^Field is required\.$/, () => '必填 (Required)'],
  [/^Field must have minimum value of (.+)\.$/, (n) => `不能小于 ${n} (At least ${n})`],
  [/^Field must have maximum value of (.+)\.$/, (n) => `不能大于 ${n} (At most ${n})`],
  [/^Field must have minimum length of (.+)\.$/, (n) => `至少 ${n} 个字 (At least ${n} characters)`],
  [/^Field must have maximum length of (.+)\.$/, (n) => `最多 ${n} 个字 (At most ${n} characters)`],
  [/^Field must match pattern (.+)\.$/, (p) => `格式不对 (Must match ${p})`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱 (Enter a valid e-mail address)'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请填写有效的电话号码 (Enter a valid phone number)'],
  [/^Date must match pattern yyyy-MM-dd$/, () => '日期格式：年-月-日 (Date as yyyy-MM-dd)'],
  [/^Select$/, () => '请选择 (Select)'],
  [/^Search$/, () => '搜索 (Search)'],
  [/^No results$/, () => '没有结果 (No results)'],
];
const PLACEHOLDERS = { Select: '请选择 (Select)', Search: '搜索 (Search)' };

function translated(text) {
  const trimmed = text.trim();
  for (const [english, chinese] of WORDS) {
    const match = english.exec(trimmed);
    if (match) {
      // a function, so that $& or $' in a message is not read as a replacement pattern
      return text.replace(trimmed, () => chinese(...match.slice(1)));
    }
  }
  return null;
}

function translateWithin(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chinese = translated(node.nodeValue);
    if (chinese !== null && chinese !== node.nodeValue) {
      node.nodeValue = chinese;
    }
  }
  root.querySelectorAll('input[placeholder]').forEach((input) => {
    const chinese = PLACEHOLDERS[input.getAttribute('placeholder')];
    if (chinese) {
      input.setAttribute('placeholder', chinese);
    }
  });
}

let pending = false;
new MutationObserver(() => {
  if (pending) {
    return;
  }
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    document.querySelectorAll('.fjs-container').forEach(translateWithin);
  });
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
