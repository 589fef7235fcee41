/** A class hierarchy whose tagged methods call `super`. */
export abstract class Shape {
  constructor(readonly name: string) {}

  abstract area(): number;

  /** @traced spanType=TOOL */
  describe(precision = 1): string {
    return `${this.name} with area ${this.area().toFixed(precision)}`;
  }
}

export class Rectangle extends Shape {
  constructor(
    readonly width: number,
    readonly height: number,
    name = "rectangle",
  ) {
    super(name);
  }

  /** @traced */
  area(): number {
    return this.width * this.height;
  }
}

export class Square extends Rectangle {
  constructor(side: number) {
    super(side, side, "square");
  }

  /** @traced name=square.describe */
  override describe(precision = 0): string {
    return `${super.describe(precision)} (a square)`;
  }

  /** @traced */
  *corners(): Generator<string> {
    yield* ["top-left", "top-right"];
    yield super.describe(0);
  }
}
