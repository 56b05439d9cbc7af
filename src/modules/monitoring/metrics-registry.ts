import { Registry } from 'prom-client';

/** The one prom-client registry. Modules register `bulwark_<module>_<what>_<unit>` metrics in it. */
export class MetricsRegistry extends Registry {}
