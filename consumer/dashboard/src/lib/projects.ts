// The projects every page shares (header switcher, home page, empty states), read once by the shell.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ProjectListEntry } from '../api/types';
import type { Resource } from './use-resource';

export const ProjectsContext = createContext<Resource<ProjectListEntry[]> | null>(null);

export function useProjects(): Resource<ProjectListEntry[]> {
  const projects = useContext(ProjectsContext);
  if (!projects) throw new Error('useProjects outside the shell');
  return projects;
}

const LAST_PROJECT_KEY = 'playback.lastProject';

export function rememberProject(projectId: number): void {
  try {
    window.localStorage.setItem(LAST_PROJECT_KEY, String(projectId));
  } catch {
    // No storage: the home page opens the first project instead.
  }
}

/** The project the user last looked at, when it still exists; else the first. */
export function defaultProject(projects: readonly ProjectListEntry[]): ProjectListEntry | undefined {
  let last: number | null = null;
  try {
    last = Number(window.localStorage.getItem(LAST_PROJECT_KEY)) || null;
  } catch {
    last = null;
  }
  return projects.find((p) => p.id === last) ?? projects[0];
}
