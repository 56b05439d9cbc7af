/** Redis channel carrying block-list changes between instances. */
export const IP_BLOCKS_CHANNEL = 'bulwark:security:ip-blocks:changes';

/** Prefix of the Redis keys counting events towards automatic blocks. */
export const AUTO_BLOCK_COUNTER_PREFIX = 'bulwark:security:ip-blocks:count';
