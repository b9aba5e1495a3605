// A placeholder dashboard: projects, their issues, live. The real one is its own issue.
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Playback</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d1c1d; }
  h1 { font-size: 1.4rem; } code { background: #f3f3f3; padding: 0 .3em; border-radius: 3px; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e5e5e5; }
  .muted { color: #777; }
</style>
</head>
<body>
<h1>Playback</h1>
<div id="projects" class="muted">Loading…</div>
<table><thead><tr><th>Issue</th><th>Route</th><th>Count</th><th>exception / endpoint / replay</th><th>Last seen</th></tr></thead>
<tbody id="issues"></tbody></table>
<script type="module">
const token = new URLSearchParams(location.search).get('token');
const headers = token ? { authorization: 'Bearer ' + token } : {};
const text = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
async function refresh() {
  const projects = await (await fetch('/api/projects', { headers })).json();
  const el = document.getElementById('projects');
  if (!Array.isArray(projects) || projects.length === 0) {
    el.textContent = 'No project yet: run  playback projects create <name>';
    return;
  }
  const project = projects[0];
  el.innerHTML = 'Project <b>' + text(project.name) + '</b> · DSN <code>' + text(project.dsns[0] ?? '') + '</code>';
  const { issues } = await (await fetch('/api/' + project.id + '/issues?sort=last_seen', { headers })).json();
  document.getElementById('issues').innerHTML = issues.map((i) =>
    '<tr><td>' + text(i.title) + '</td><td>' + text(i.culprit) + '</td><td>' + i.count + '</td><td>' +
    i.countByPath.exception + ' / ' + i.countByPath.endpoint + ' / ' + i.countByPath.replay + '</td><td>' +
    new Date(i.lastSeen).toLocaleTimeString() + '</td></tr>').join('') ||
    '<tr><td colspan="5" class="muted">No click issues yet.</td></tr>';
}
refresh(); setInterval(refresh, 1000);
</script>
</body>
</html>
`;
