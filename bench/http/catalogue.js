// The JSON both servers return: a small product page (~1 KB), what a cached API response typically looks like.
export const CATALOGUE = {
  page: 1,
  pageSize: 8,
  items: Array.from({ length: 8 }, (_, index) => ({
    id: `prod-${1000 + index}`,
    name: `Trail runner ${index + 1}`,
    priceCents: 8900 + index * 500,
    currency: 'EUR',
    inStock: index % 3 !== 0,
    tags: ['running', 'outdoor'],
  })),
};
