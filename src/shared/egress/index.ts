export { EgressError, EgressPolicy, OFFICIAL_HOSTS, egressPolicy, installEgressPolicy, parseAllowedBase, type Integration } from './policy.js';
export { describeTarget, egressRequest, egressStream, webSocketRefusal, type EgressRequest, type EgressResponse, type EgressStream, type EgressStreamRequest } from './request.js';
export { isPublicAddress } from './public-address.js';
