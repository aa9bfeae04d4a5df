// dsflow: the shared settings (Chinese first, dates, RequireJS wait) are in app/dsflow/webapp-config.js.
import { dsflowConfig } from '../../dsflow/webapp-config.js';

export default dsflowConfig('运行监控');
