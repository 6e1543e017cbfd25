// shpjs ships no types; this is the part we use: a zipped Shapefile in, GeoJSON out.
declare module 'shpjs' {
  function shp(input: ArrayBuffer | ArrayBufferView): Promise<unknown>;
  export default shp;
}
