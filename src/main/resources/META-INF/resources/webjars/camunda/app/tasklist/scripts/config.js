// dsflow: the webapps speak Chinese by default. The browser's first language picks the locale; any language we do
// not offer falls back to Simplified Chinese (issue 18). Its labels, locales/zh.json, are served by
// cn.dsflow.webapp.WebappLocaleController, which also puts in the operator's banner line (dsflow.webapp.banner).

// The webapps load their plugins through RequireJS, which gives up after 7 seconds and leaves a blank page; a busy
// server (many officers at month's end, or a loaded CI machine) can take longer. Wait as long as the server needs.
if (window.require && typeof window.require.config === 'function') {
  window.require.config({ waitSeconds: 0 });
}

export default {
  app: {
    name: '任务列表',
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
  // navbar links to 我的申请 and the officers' dashboard: a request waiting for approval has no task of the requester's;
  // form-js's own texts and dates in Chinese; evidence upload inside the incident's first-response form
  customScripts: ['dsflow/my-requests-link', 'dsflow/chinese-forms', 'dsflow/evidence-upload']
};
