// Tasklist navbar links to the dsflow pages (issue 18): a requester's request has no task of theirs while it waits for
// approval, so Tasklist alone cannot show it. Loaded through config.js: customScripts: ['dsflow/my-requests-link'].
export default {
  id: 'dsflow.myRequestsLink',
  pluginPoint: 'tasklist.navbar.action',
  priority: 10,
  render: (node) => {
    const link = (href, text) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      a.style.marginRight = '1em';
      return a;
    };
    node.appendChild(link('/dsflow/my-requests.html', '我的申请'));
    node.appendChild(link('/dsflow/dashboard.html', '合规仪表板'));
  }
};
