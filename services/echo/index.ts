// The echo service's public surface and its factory for the command line.
import type { ServiceFactory } from '../sdk/index.ts';
import { echoService } from './service.ts';

export { echoService };

/** Echo keeps nothing: its factory only hands over the definition. */
export const createEcho: ServiceFactory = async () => ({ definition: echoService });
