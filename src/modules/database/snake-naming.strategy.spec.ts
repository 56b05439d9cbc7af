import { Table } from 'typeorm';

import { SnakeNamingStrategy } from './snake-naming.strategy.js';

describe(SnakeNamingStrategy.name, () => {
  const naming = new SnakeNamingStrategy();

  describe('tableName', () => {
    it.each([
      ['UserApiKeyEntity', 'user_api_keys'],
      ['IpBlockEntity', 'ip_blocks'],
      ['AuditEventEntity', 'audit_events'],
      ['AliasEntity', 'aliases'],
      ['BoxEntity', 'boxes'],
      ['BatchEntity', 'batches'],
      ['PolicyEntity', 'policies'],
      ['KeyEntity', 'keys'],
      ['HTTPRequestLog', 'http_request_logs'],
      ['EntityLinkEntity', 'entity_links'],
    ])('names the table of %s %p', (className, table) => {
      expect(naming.tableName(className, undefined)).toBe(table);
    });

    it('keeps a custom name as given', () => {
      expect(naming.tableName('UserApiKeyEntity', 'legacyApiKeys')).toBe('legacyApiKeys');
    });
  });

  describe('columnName', () => {
    it.each([
      ['createdAt', 'created_at'],
      ['id', 'id'],
      ['passwordHash', 'password_hash'],
      ['userID', 'user_id'],
      ['ipV4Address', 'ip_v4_address'],
      ['sha256Digest', 'sha256_digest'],
    ])('names the column of %s %p', (property, column) => {
      expect(naming.columnName(property, undefined, [])).toBe(column);
    });

    it('keeps a custom name as given', () => {
      expect(naming.columnName('createdAt', 'inserted', [])).toBe('inserted');
    });

    it('prefixes columns of embedded entities', () => {
      expect(naming.columnName('postalCode', undefined, ['billingAddress'])).toBe('billing_address_postal_code');
      expect(naming.columnName('lineOne', undefined, ['contact', 'homeAddress'])).toBe('contact_home_address_line_one');
    });

    it('prefixes a custom name of an embedded column too', () => {
      expect(naming.columnName('postalCode', 'zip', ['billingAddress'])).toBe('billing_address_zip');
    });
  });

  describe('relationName', () => {
    it('snake-cases the property', () => {
      expect(naming.relationName('apiKeys')).toBe('api_keys');
    });
  });

  describe('joinColumnName', () => {
    it('joins relation and referenced column', () => {
      expect(naming.joinColumnName('owner', 'id')).toBe('owner_id');
      expect(naming.joinColumnName('apiKey', 'publicId')).toBe('api_key_public_id');
    });
  });

  describe('joinTableName', () => {
    it('names a many-to-many table after both tables and the property', () => {
      expect(naming.joinTableName('user', 'role', 'grantedRoles')).toBe('user_granted_roles_role');
    });

    it('flattens dotted property paths of embedded relations', () => {
      expect(naming.joinTableName('user', 'tag', 'profile.tags')).toBe('user_profile_tags_tag');
    });
  });

  describe('joinTableColumnName', () => {
    it('prefers the column name over the property name', () => {
      expect(naming.joinTableColumnName('user', 'id', 'publicId')).toBe('user_public_id');
      expect(naming.joinTableColumnName('apiKey', 'id')).toBe('api_key_id');
    });
  });

  describe('constraint names', () => {
    it('names primary keys pk_<table>_<columns>', () => {
      expect(naming.primaryKeyName('user_api_key', ['id'])).toBe('pk_user_api_key_id');
    });

    it('names foreign keys fk_<table>_<columns>', () => {
      expect(naming.foreignKeyName('user_api_key', ['user_id'])).toBe('fk_user_api_key_user_id');
    });

    it('names indexes ix_<table>_<columns>', () => {
      expect(naming.indexName('user_api_key', ['user_id', 'created_at'])).toBe('ix_user_api_key_user_id_created_at');
    });

    it('names unique constraints uq_<table>_<columns>', () => {
      expect(naming.uniqueConstraintName('user', ['tenant_id', 'email'])).toBe('uq_user_tenant_id_email');
    });

    it('drops the schema of a qualified table name', () => {
      expect(naming.primaryKeyName('public.user', ['id'])).toBe('pk_user_id');
    });

    it('accepts a Table as well as a name', () => {
      const table = new Table({ name: 'audit.audit_log', columns: [] });

      expect(naming.indexName(table, ['at'])).toBe('ix_audit_log_at');
      expect(naming.uniqueConstraintName(table, ['request_id'])).toBe('uq_audit_log_request_id');
    });
  });
});
