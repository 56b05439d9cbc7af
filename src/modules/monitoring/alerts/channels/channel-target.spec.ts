import { MonitoringException } from '../../monitoring.exception.js';
import { describeTarget, targetFromInput } from './channel-target.js';

describe('targetFromInput', () => {
  it('builds each kind of target', () => {
    expect(targetFromInput({ kind: 'webhook', url: 'https://h.example/x', bearerToken: 't' })).toEqual({ kind: 'webhook', url: 'https://h.example/x', bearerToken: 't' });
    expect(targetFromInput({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' })).toEqual({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' });
    expect(targetFromInput({ kind: 'email', to: ['a@example.com'] })).toEqual({ kind: 'email', to: ['a@example.com'] });
  });

  it('refuses fields that belong to another kind', () => {
    expect(() => targetFromInput({ kind: 'slack', url: 'https://h.example/', bearerToken: 't' })).toThrow(MonitoringException);
    expect(() => targetFromInput({ kind: 'email', to: ['a@example.com'], url: 'https://h.example/' })).toThrow(MonitoringException);
    expect(() => targetFromInput({ kind: 'discord', url: 'https://h.example/', to: ['a@example.com'] })).toThrow(MonitoringException);
  });
});

describe('describeTarget', () => {
  it('shows only the host of a URL, or how many recipients', () => {
    expect(describeTarget({ kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/SECRET' })).toBe('hooks.slack.com');
    expect(describeTarget({ kind: 'email', to: ['a@example.com', 'b@example.com'] })).toBe('2 recipients');
    expect(describeTarget({ kind: 'email', to: ['a@example.com'] })).toBe('1 recipient');
  });
});
