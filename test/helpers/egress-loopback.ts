/**
 * Simulators in tests listen on free ports of 127.0.0.1. Outbound calls may reach them because the
 * test configuration allows that address explicitly, as an operator would with
 * DAKA_CONNECTOR_BASE_URLS; every other host stays refused.
 */
import { EgressPolicy, installEgressPolicy } from '../../src/shared/egress/index.js';

export const TEST_CONNECTOR_BASE_URLS = 'http://127.0.0.1:*';

installEgressPolicy(new EgressPolicy(TEST_CONNECTOR_BASE_URLS.split(',')));
