export { NotifyModule } from './notify.module.js';
export {
  AlertNotifier,
  CHANNEL_KINDS,
  type AlertGroupNotification,
  type AlertStatus,
  type ChannelKind,
  type ChannelTarget,
  type NotifiedAlert,
} from './notification.types.js';
