export { EgressError, EgressPolicy, OFFICIAL_HOSTS, egressPolicy, installEgressPolicy, parseAllowedBase, type Integration } from './policy.js';
export { describeTarget, egressRequest, webSocketRefusal, type EgressRequest, type EgressResponse } from './request.js';
export { isPublicAddress } from './public-address.js';
