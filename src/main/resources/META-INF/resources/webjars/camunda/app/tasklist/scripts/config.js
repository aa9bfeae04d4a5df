// dsflow: the shared settings (Chinese first, dates, RequireJS wait) are in app/dsflow/webapp-config.js.
import { dsflowConfig } from '../../dsflow/webapp-config.js';

export default dsflowConfig('任务列表', {
  // navbar links to 我的申请 and the officers' dashboard: a request waiting for approval has no task of the requester's;
  // form-js's own texts and dates in Chinese; evidence upload inside the incident's first-response form
  customScripts: ['dsflow/my-requests-link', 'dsflow/chinese-forms', 'dsflow/evidence-upload']
});
