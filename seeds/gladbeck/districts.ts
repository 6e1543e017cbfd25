import type { SeedCity, SeedDistrict } from './types.js';

export const GLADBECK_CITY: SeedCity = { key: 'gladbeck', name: 'Gladbeck', population2012: 75_721 };

/**
 * Population and foreign-national share are the register figures of 30 June 2012 as reported
 * by the regional press. The sites are rough positions chosen so that the demo Voronoi cells
 * land where the districts are and get plausible relative sizes; they are not official points.
 * Ordered as the city publishes them (by population).
 */
export const GLADBECK_DISTRICTS: readonly SeedDistrict[] = [
  { key: 'brauck', name: 'Brauck', population2012: 12_188, foreignShare2012: 19.6, site: [7.003, 51.549] },
  { key: 'butendorf', name: 'Butendorf', population2012: 11_578, foreignShare2012: 16.4, site: [7.012, 51.572] },
  { key: 'mitte-1', name: 'Mitte I', population2012: 11_123, foreignShare2012: 11.5, site: [6.978, 51.574] },
  { key: 'zweckel', name: 'Zweckel', population2012: 11_115, foreignShare2012: 6.8, site: [6.975, 51.598] },
  { key: 'rentfort-nord', name: 'Rentfort-Nord', population2012: 7_571, foreignShare2012: 5.5, site: [6.945, 51.59] },
  { key: 'mitte-2', name: 'Mitte II', population2012: 7_305, foreignShare2012: 6.2, site: [6.992, 51.573] },
  { key: 'rosenhuegel', name: 'Rosenhügel', population2012: 4_944, foreignShare2012: 15.5, site: [6.983, 51.559] },
  { key: 'alt-rentfort', name: 'Alt-Rentfort', population2012: 4_354, foreignShare2012: 2.7, site: [6.945, 51.572] },
  { key: 'ellinghorst', name: 'Ellinghorst', population2012: 3_092, foreignShare2012: 6.1, site: [6.95, 51.553] },
  { key: 'schultendorf', name: 'Schultendorf', population2012: 2_451, foreignShare2012: 8.4, site: [7.008, 51.596] },
];
