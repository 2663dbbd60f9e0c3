// The notifications service's public surface and its factory for the command line.
import type { ServiceFactory } from '../sdk/index.ts';
import {
  notificationsOf,
  notificationsService,
  typeGroup,
  userGroup,
  type NotificationsJoined,
} from './service.ts';

export { notificationsOf, notificationsService, typeGroup, userGroup, type NotificationsJoined };

/** Notifications keep nothing: the factory only hands over the definition. */
export const createNotifications: ServiceFactory = async () => ({
  definition: notificationsService,
});
