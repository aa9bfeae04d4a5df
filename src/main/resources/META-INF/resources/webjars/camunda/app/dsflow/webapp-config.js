// dsflow: what the four Camunda webapps share; each app's scripts/config.js adds its own name (and Tasklist its
// plugins). The webapps speak Chinese by default: the browser's first language picks the locale, and any language we
// do not offer falls back to Simplified Chinese (issue 18). Its labels, locales/zh.json, are served by
// cn.dsflow.webapp.WebappLocaleController, which also puts in the operator's banner line (dsflow.webapp.banner).

// The webapps load their plugins through RequireJS, which gives up after 7 seconds and leaves a blank page; a busy
// server (many officers at month's end, or a loaded CI machine) can take longer. Wait as long as the server needs.
if (window.require && typeof window.require.config === 'function') {
  window.require.config({ waitSeconds: 0 });
}

/** The app's config: its Chinese name, dates as people here read them, Chinese first. */
export function dsflowConfig(appName, extra = {}) {
  return {
    app: {
      name: appName,
      vendor: '数据安全合规'
    },
    // people here read dates as 2026-11-23 10:00 (GB/T 7408 order), never mm/dd or month names
    dateFormat: {
      monthName: 'M月',
      day: 'DD',
      abbr: 'YYYY-MM-DD HH:mm',
      normal: 'YYYY-MM-DD HH:mm',
      long: 'YYYY-MM-DD HH:mm:ss',
      short: 'YYYY-MM-DD'
    },
    locales: {
      availableLocales: ['zh', 'en'],
      fallbackLocale: 'zh'
    },
    ...extra
  };
}
