/*
 * Yizhan: the volunteer's way through Tasklist on a phone, loaded through config.js "customScripts".
 *
 * What it adds, and only in the browser (every rule stays in the engine; this file decides nothing):
 *  - On a phone (below 768 px, where Tasklist stacks filters, list and task), opening a task brings the task to the
 *    top of the screen; Tasklist would leave it below the whole list, off screen.
 *  - A completed task is confirmed in words (Tasklist 7.24 says nothing: its COMPLETE_OK text is never shown).
 *  - A started process tells its number (the business key the station gave it, e.g. the order number) in a notice
 *    that stays until it is closed, so the volunteer can tell the resident.
 *  - A refused start or completion shows the engine's reason next to the button the volunteer just pressed, not
 *    only at the top of a long form.
 *  - A claimed task's form is loaded afresh: some values are given only to the task's holder (the resident's name
 *    on a doorstep visit), and Tasklist keeps the form it loaded before the claim.
 *
 * It watches Tasklist's own requests to the engine (submit-form, complete, start) for their answers; it sends
 * nothing itself. The texts are Chinese first, with the English after it, as everywhere in the station.
 */
import { withInjector } from './angular-injector.js';

const PHONE = window.matchMedia('(max-width: 767px)');
const TASK_DONE = /\/task\/([^/?#]+)\/(submit-form|complete)(\?|$)/;
const TASK_CLAIMED = /\/task\/([^/?#]+)\/claim(\?|$)/;
const PROCESS_START = /\/process-definition\/(key\/[^/?#]+(\/tenant-id\/[^/?#]+)?|[^/?#]+)\/(submit-form|start)(\?|$)/;

let notifications = null;
let reopenTask = null; // draws the open task's form again; set once Tasklist's injector is there


/** Tasklist draws a notice's text as HTML (ng-bind-html): what we put in is escaped first. */
function escaped(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Decodes an id out of a request's URL; an id that is not valid %-encoding is used as it stands. */
function idFrom(encoded) {
  try {
    return decodeURIComponent(encoded);
  } catch (notEncoded) {
    return encoded;
  }
}

/** Shows a notice through Tasklist's own notifications; duration 0 keeps it until it is closed. */
function notify(kind, status, message, duration) {
  if (!notifications) {
    return;
  }
  const notice = {
    status: escaped(status), message: escaped(message), duration: duration || undefined, exclusive: false,
  };
  if (kind === 'error') {
    notifications.addError(notice);
  } else {
    notifications.addMessage(notice);
  }
}

/** The text of the first element matching the selector, trimmed, or ''. */
function textOf(selector, root = document) {
  const element = root.querySelector(selector);
  return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
}

/**
 * The number (order, delivery or case) on the card of each task opened here, read when it was opened: once claimed,
 * the task leaves the group's list, and its card with it.
 */
const numbersOfOpenedTasks = {};

const STATION_NUMBER = /^[A-Z]{2}-\d{6}-\d{4}$/; // YZ-261130-0013, SD-…, MD-…: what the station numbers

function rememberNumberOf(taskId) {
  const card = document.querySelector('.tasks-list li.task.active');
  const values = card ? Array.from(card.querySelectorAll('.variable-value')) : [];
  const number = values.map((value) => value.textContent.trim()).find((value) => STATION_NUMBER.test(value));
  if (number) {
    numbersOfOpenedTasks[taskId] = number;
  }
}

/** What the task is called and which order, delivery or case it belongs to. */
function describeTask(taskId) {
  const name = textOf('.task-details .task-card h2') || textOf('.task-details h2');
  const number = numbersOfOpenedTasks[taskId] || '';
  return number && name.indexOf(number) < 0 ? name + ' · ' + number : name;
}

/** The engine's reason from a REST error answer, or a plain fallback. */
function reasonOf(xhr) {
  try {
    const answer = JSON.parse(xhr.responseText);
    if (answer && answer.message) {
      return answer.message;
    }
  } catch (notJson) {
    // an answer that is not JSON (a proxy's page, say) falls through to the plain text below
  }
  return '没有成功，请再试一次或问站长 (It did not go through; try again or ask the station manager)';
}

/** Puts the reason right beside the buttons the volunteer pressed: the start dialog's footer or the task's form. */
function showBesideButtons(where, reason) {
  const actions = where === 'start'
    ? document.querySelector('.modal-footer')
    : document.querySelector('.task-details .form-actions');
  if (!actions) {
    return;
  }
  let note = actions.parentElement.querySelector('.yizhan-refusal');
  if (!note) {
    note = document.createElement('div');
    note.className = 'yizhan-refusal';
    note.setAttribute('role', 'alert');
    actions.parentElement.insertBefore(note, actions);
  }
  note.textContent = reason;
  note.scrollIntoView({ block: 'nearest' });
}

function clearBesideButtons() {
  document.querySelectorAll('.yizhan-refusal').forEach((note) => note.remove());
}

/** Watches Tasklist's own XHRs (the engine SDK sends with XMLHttpRequest) for the answers this module acts on. */
function watchAnswers() {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.yizhanRequest = { method: String(method).toUpperCase(), url: String(url) };
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    const request = this.yizhanRequest;
    if (request && request.method === 'POST') {
      const done = TASK_DONE.exec(request.url);
      if (done) {
        const task = describeTask(idFrom(done[1]));
        clearBesideButtons();
        this.addEventListener('loadend', () => answered(this, 'task', task));
      } else if (TASK_CLAIMED.test(request.url)) {
        const claimed = idFrom(TASK_CLAIMED.exec(request.url)[1]);
        this.addEventListener('loadend', () => {
          if (this.status >= 200 && this.status < 300 && reopenTask) {
            reopenTask(claimed);
          }
        });
      } else if (PROCESS_START.test(request.url)) {
        clearBesideButtons();
        this.addEventListener('loadend', () => answered(this, 'start', null));
      }
    }
    return send.apply(this, arguments);
  };
}

function answered(xhr, what, task) {
  if (xhr.status === 0) {
    return; // aborted, or the network went away: Tasklist reports that itself
  }
  if (xhr.status >= 400) {
    showBesideButtons(what, reasonOf(xhr));
    return;
  }
  if (what === 'task') {
    notify('message', '已完成 (Done)', (task ? task + ' — ' : '') + '已提交，下一项任务见列表 (sent; your next task is in the list)', 8000);
    if (PHONE.matches) {
      window.scrollTo(0, 0);
      const scroller = document.querySelector('.page-wrap');
      if (scroller) {
        scroller.scrollTop = 0;
      }
    }
  } else {
    let number = '';
    try {
      number = (JSON.parse(xhr.responseText) || {}).businessKey || '';
    } catch (notJson) {
      number = '';
    }
    afterDialogCloses(() => notify('message', '已登记 (Registered)', number
      ? '编号 (Number)：' + number + ' — 请告诉居民 (tell the resident)'
      : '流程已发起 (The process has started)', 0));
  }
}

/**
 * Runs once the start dialog has closed: a notice given while it is open goes to the dialog's own notices and
 * disappears with it.
 */
function afterDialogCloses(then, waited = 0) {
  if (!document.querySelector('.modal-dialog') || waited >= 5000) {
    then();
  } else {
    setTimeout(() => afterDialogCloses(then, waited + 100), 100);
  }
}

/**
 * Once the opened task has been drawn (its tabs are there): remembers its number and, on a phone, brings the task
 * pane to the top of the screen.
 */
function whenTaskDrawn(taskId) {
  const started = Date.now();
  const attempt = () => {
    const details = document.querySelector('.task-details');
    if (details && details.querySelector('.tabbed-content')) {
      rememberNumberOf(taskId);
      if (PHONE.matches) {
        keepOnTop(details);
      }
    } else if (Date.now() - started < 10000) {
      setTimeout(attempt, 100);
    }
  };
  attempt();
}

/**
 * Scrolls the task pane to the top, and again while Tasklist is still growing the page under it (the form arrives
 * after the task's header), for two seconds at most; stops as soon as the volunteer scrolls herself.
 */
function keepOnTop(details) {
  const scroller = document.querySelector('.page-wrap') || document.scrollingElement;
  const until = Date.now() + 2000;
  let placedAt = null;
  const place = () => {
    if (placedAt !== null && scroller.scrollTop !== placedAt) {
      return; // the volunteer has scrolled
    }
    const below = details.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    if (Math.abs(below) > 2) {
      details.scrollIntoView({ block: 'start' });
    }
    placedAt = scroller.scrollTop;
    if (Date.now() < until) {
      setTimeout(place, 100);
    }
  };
  place();
}

watchAnswers();

withInjector((injector) => {
  if (injector.has('Notifications')) {
    notifications = injector.get('Notifications');
  }
  if (!injector.has('$location')) {
    return;
  }
  const $location = injector.get('$location');
  const $rootScope = injector.get('$rootScope');
  // Draws the open task's form again, as Tasklist does when a task is opened: its view shows the form only while
  // loadingState is 'DONE' (camunda-tasklist 7.24, task-detail-form), so taking it through 'LOADING' and back makes
  // the form fetch its variables anew. If Tasklist changes, nothing happens and the name shows on the next opening.
  // Once drawn again, the task pane carries data-claimed="<task id>" (what the phone test waits for).
  reopenTask = (taskId) => {
    const form = document.querySelector('.task-details [cam-tasklist-form]');
    let scope = form && $location.search().task === taskId ? window.angular.element(form).scope() : null;
    while (scope && !Object.prototype.hasOwnProperty.call(scope, 'loadingState')) {
      scope = scope.$parent;
    }
    const drawn = () => {
      const details = document.querySelector('.task-details');
      if (details) {
        details.setAttribute('data-claimed', taskId);
      }
    };
    if (!scope || scope.loadingState !== 'DONE') {
      drawn();
      return;
    }
    scope.$applyAsync(() => { scope.loadingState = 'LOADING'; });
    setTimeout(() => scope.$applyAsync(() => {
      scope.loadingState = 'DONE';
      setTimeout(drawn, 0);
    }), 0);
  };
  let openTask = $location.search().task;
  if (openTask) {
    whenTaskDrawn(openTask); // opened through a link
  }
  $rootScope.$on('$locationChangeSuccess', () => {
    const task = $location.search().task;
    if (task && task !== openTask) {
      whenTaskDrawn(task);
    }
    openTask = task;
  });
});
