/** @traced */
export default (n: number) => n * 2;
