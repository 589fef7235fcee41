export { PRICE_TABLE, PRICES_AS_OF, type ModelPrice } from "./price-table.js";
export { priceOf, validatePricing, setUserPrices, clearUserPrices, type PricingOverrides } from "./model-prices.js";
export { costOf, TRACE_COST_KEY, type Cost } from "./span-cost.js";
