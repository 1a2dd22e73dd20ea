// Types for echarts' one-file build (src/report/charts.ts): the same API as its modular build.
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
