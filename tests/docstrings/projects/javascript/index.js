import { readFile } from "fs/promises";

export function loadConfig(path, encoding = "utf8") {
  if (!path) {
    throw new TypeError("path is required");
  }
  return readFile(path, encoding);
}

export const toSlug = (title) => title.toLowerCase().replace(/\s+/g, "-");

// A plain comment, not JSDoc.
export class Store {
  constructor(name) {
    this.name = name;
  }

  getItem(key) {
    return this.items.get(key);
  }
}

/** Already documented. */
export function documented() {}

function internal() {}
