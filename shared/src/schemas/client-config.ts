/** What the browser needs to know about this installation before it draws the first map. */
export interface ClientConfig {
  /** MapLibre style URL of an optional basemap; null draws plain district outlines. */
  basemapStyleUrl: string | null;
}
