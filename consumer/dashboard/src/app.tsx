// Pages and their paths. The consumer serves this page for `/` and every `/projects/…` path.
import { LocationProvider, Route, Router } from 'preact-iso/router';
import { Shell } from './components/shell';
import { ComparePage } from './views/compare-page';
import { HomePage } from './views/home-page';
import { IssuePage } from './views/issue-page';
import { IssuesPage } from './views/issues-page';
import { NotFoundPage, ProjectIndexPage } from './views/misc-pages';
import { SamplingPage } from './views/sampling-page';

export function App() {
  return (
    <LocationProvider>
      <Shell>
        <Router>
          <Route path="/" component={HomePage} />
          <Route path="/projects" component={HomePage} />
          <Route path="/projects/:projectId" component={ProjectIndexPage} />
          <Route path="/projects/:projectId/issues" component={IssuesPage} />
          <Route path="/projects/:projectId/issues/:issueId" component={IssuePage} />
          <Route path="/projects/:projectId/compare" component={ComparePage} />
          <Route path="/projects/:projectId/sampling" component={SamplingPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </Shell>
    </LocationProvider>
  );
}
