/** How two profile names are compared: "Webshop" and " webshop " are one name to a reader (Hungarian letters too). */
export const profileNameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('hu');
