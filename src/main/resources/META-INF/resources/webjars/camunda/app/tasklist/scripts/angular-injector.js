/*
 * Yizhan: the one helper the station's Tasklist scripts share (dates-follow-language.js, phone-flow.js). Camunda 7.24
 * imports each "customScripts" module with import() before AngularJS has started; this waits for the app's injector.
 */
const MAX_WAIT_MS = 30000;

/** Calls use(injector) once the AngularJS app on the page has its injector; gives up after 30 s. */
export function withInjector(use, waited = 0) {
  const angular = window.angular;
  const injector = angular && document.body && angular.element(document.body).injector();
  if (injector) {
    use(injector);
  } else if (waited < MAX_WAIT_MS) {
    setTimeout(() => withInjector(use, waited + 50), 50);
  }
}
