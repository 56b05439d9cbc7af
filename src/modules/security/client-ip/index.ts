export { clientIpOf, normaliseIp } from './client-ip.js';
export { trustProxySetting, type TrustProxySetting } from './trust-proxy.js';
