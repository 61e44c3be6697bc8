export { penetrationFunnel, PenetrationFunnelOptions, FUNNEL_COLUMNS } from "./funnel.js";
