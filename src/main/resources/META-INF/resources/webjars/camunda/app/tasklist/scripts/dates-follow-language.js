/*
 * Yizhan: dates in the language of the screen.
 *
 * Camunda 7.24 loads two locale files side by side: the browser's language (zh.json) and the fallback (en.json).
 * When each arrives, its "dateLocales" go to moment through updateLocale/defineLocale, and both of those also switch
 * moment's global locale. Whichever file arrives last wins: a Chinese Tasklist showed "in 2 hours" and "a minute ago"
 * beside 到期 and 创建时间 on some loads. This module, loaded through config.js "customScripts", puts moment back on
 * the language the app uses after every locale file has loaded. It reads nothing and changes nothing else.
 *
 * Cockpit, Admin and Welcome load this same file from here (../tasklist/scripts/dates-follow-language).
 */
import { withInjector } from './angular-injector.js';

withInjector((injector) => {
  if (!injector.has('moment') || !injector.has('$translate')) {
    return;
  }
  const moment = injector.get('moment');
  const $translate = injector.get('$translate');
  const $rootScope = injector.get('$rootScope');

  const follow = () => {
    const language = $translate.use() || $translate.proposedLanguage();
    if (language && moment.locales().indexOf(language) > -1 && moment.locale() !== language) {
      moment.locale(language);
      $rootScope.$applyAsync();
    }
  };

  // the loader hands dateLocales to moment before angular-translate reports the file as loaded
  $rootScope.$on('$translateLoadingEnd', () => setTimeout(follow, 0));
  $rootScope.$on('$translateChangeEnd', () => setTimeout(follow, 0));
  follow();
});
