/** @traced spanType= */
export function broken() {}
