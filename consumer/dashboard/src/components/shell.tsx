// The frame around every page: brand, project switcher, section tabs; and the token prompt when the
// consumer's API asks for one.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { ApiError } from '../api/client';
import type { ProjectListEntry } from '../api/types';
import { ProjectsContext, rememberProject } from '../lib/projects';
import { apiPaths, pagePaths, readPagePath, type Section } from '../lib/routes';
import { useResource } from '../lib/use-resource';
import { TokenPrompt } from './token-prompt';

/** Projects change rarely; a new one made with the CLI shows up within this. */
const PROJECTS_REFRESH_MS = 30_000;

const SECTIONS: Array<{ section: Section; label: string; href: (projectId: number) => string }> = [
  { section: 'issues', label: 'Issues', href: (id) => pagePaths.issues(id) },
  { section: 'compare', label: 'Compare', href: pagePaths.compare },
  { section: 'sampling', label: 'Sampling', href: pagePaths.sampling },
];

function Logo() {
  return (
    <svg class="logo" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="6" class="logo-bg" />
      <path d="M9 7.2v9.6a.6.6 0 0 0 .9.5l7.6-4.8a.6.6 0 0 0 0-1L9.9 6.7a.6.6 0 0 0-.9.5z" class="logo-fg" />
    </svg>
  );
}

function ProjectSwitcher({
  projects,
  current,
  section,
}: {
  projects: ProjectListEntry[];
  current: number;
  section: Section;
}) {
  const { route } = useLocation();
  if (projects.length < 2) {
    const project = projects.find((p) => p.id === current);
    return <span class="project-name">{project?.name ?? `Project ${current}`}</span>;
  }
  return (
    <select
      class="project-select"
      aria-label="Project"
      value={String(current)}
      onChange={(event) => {
        const id = Number((event.target as HTMLSelectElement).value);
        route(SECTIONS.find((s) => s.section === section)!.href(id));
      }}
    >
      {projects.map((project) => (
        <option key={project.id} value={String(project.id)}>
          {project.name}
        </option>
      ))}
    </select>
  );
}

export function Shell({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const projects = useResource<ProjectListEntry[]>(apiPaths.projects(), { refreshMs: PROJECTS_REFRESH_MS });
  const place = readPagePath(path);
  const placeProject = place?.projectId;
  useEffect(() => {
    if (placeProject !== undefined) rememberProject(placeProject);
  }, [placeProject]);
  const needsToken = projects.error instanceof ApiError && projects.error.status === 401;

  return (
    <ProjectsContext.Provider value={projects}>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/">
            <Logo />
            <span>Playback</span>
          </a>
          {place && projects.data && (
            <>
              <span class="topbar-sep" aria-hidden="true">
                /
              </span>
              <ProjectSwitcher projects={projects.data} current={place.projectId} section={place.section} />
              <nav class="tabs" aria-label="Sections">
                {SECTIONS.map(({ section, label, href }) => (
                  <a
                    key={section}
                    href={href(place.projectId)}
                    class={section === place.section ? 'tab active' : 'tab'}
                    aria-current={section === place.section ? 'page' : undefined}
                  >
                    {label}
                  </a>
                ))}
              </nav>
            </>
          )}
        </div>
      </header>
      <main class="page">{needsToken ? <TokenPrompt /> : children}</main>
    </ProjectsContext.Provider>
  );
}
