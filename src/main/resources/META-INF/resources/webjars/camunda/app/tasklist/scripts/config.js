/*
 * Yizhan: replaces Camunda 7.24's shipped tasklist/scripts/config.js (an ES module; the shipped file is
 * not merged). Started from the shipped file, whose Apache-2.0 header and comments are kept below.
 * Language: the browser's language without region decides ('zh-CN' asks for 'zh'); anything else
 * gets English. 7.24 has no language switch in the UI: change the browser's language (see README).
 */
/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // the header reads "<vendor> <name>" and so does the page title: 驿站 任务
  app: {
    name: '任务',
    vendor: '驿站'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  // dates in the screen's language; on a phone, the opened task on top, completions and new numbers confirmed in
  // words, refusals beside the button; form-js's own few words in Chinese (see each module's comment)
  customScripts: ['scripts/dates-follow-language', 'scripts/phone-flow', 'scripts/form-words'],
  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务 (claims the currently selected task)'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '跳到第一个过滤器 (set the focus to the first filter in the list)'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '跳到列表中的第一个任务 (sets the focus to the first task in the list)'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '跳到任务表单的第一个输入框 (sets the focus to the first input field in a task form)'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框 (opens the start process modal dialog)'
    }
  }
};
