export type {
  BBox,
  LinearRing,
  MultiPolygonGeometry,
  PolygonGeometry,
  Position,
  SeedArea,
  SeedAreaLevel,
  SeedCity,
  SeedDepartment,
  SeedDistrict,
  SeedGeometry,
  SeedIndicator,
  SeedIndicatorKind,
  SeedPolarity,
  SeedTopic,
  SeedUpdateCycle,
  SeedValue,
} from './types.js';
export { GLADBECK_CITY, GLADBECK_DISTRICTS } from './districts.js';
export { DEMO_GEOMETRY_NOTE, DEMO_GEOMETRY_NOTE_EN, GLADBECK_OUTLINE, buildGladbeckAreas } from './geometry.js';
export { GLADBECK_DEPARTMENTS, GLADBECK_INDICATORS, GLADBECK_TOPICS } from './catalogue.js';
export { GLADBECK_PERIODS, INDICATORS_WITH_REGISTER_2012, PROVISIONAL_LATEST_YEAR_INDICATORS, generateGladbeckValues } from './values.js';
export { seedId } from './ids.js';
